from . import document_page
from . import client_regulation_acknowledgement
from . import client_regulated_rule_mixin
from . import client_verification_rule
from . import client_archive_rule
from . import client_verification_request
from . import client_verification_campaign
from . import client_self_verification
from . import mail_activity
from . import res_partner
from . import res_partner_verification
from . import res_partner_archiving
from . import res_partner_archive_reason
from . import account_move
from . import res_config_settings
from . import client_document_collect
from . import res_config_settings_document_collect
from . import res_users_workspace

# last of the partner: its write checks run first
from . import res_partner_agency
