from . import client_import_wizard
from . import client_import_wizard_column
from . import client_import_wizard_preview
from . import client_verify_wizard
from . import client_normalize_wizard
from . import base_partner_merge
