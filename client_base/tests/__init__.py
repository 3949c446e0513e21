from . import test_settings
from . import test_contact_normalize
from . import test_contact_quality
from . import test_interaction_backfill
from . import test_interaction_capture
from . import test_interaction_partner
from . import test_interaction_security
