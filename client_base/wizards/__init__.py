from . import client_import_wizard
from . import client_verify_wizard
