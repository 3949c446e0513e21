from . import client_archive_wizard
from . import client_verification_campaign_wizard
