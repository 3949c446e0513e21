from . import test_install
from . import test_regulation_pages
from . import test_verification_cron
from . import test_archiving
from . import test_invoice_guard
from . import test_campaign_agency
from . import test_self_verification
from . import test_workspace_accountant
