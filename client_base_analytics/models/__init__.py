
from . import client_interaction
from . import account_move
from . import client_greeting
