from . import account_move_document_collect
from . import res_config_settings_document_collect
