from . import client_interaction
from . import mailing_trace
from . import res_partner
