from . import client_interaction
from . import sale_order
from . import res_partner
