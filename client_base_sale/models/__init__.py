from . import client_interaction
from . import sale_order
