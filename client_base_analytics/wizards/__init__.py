from . import client_classification_transition_wizard
from . import client_segment_activity_wizard
from . import client_segment_mailing_wizard
