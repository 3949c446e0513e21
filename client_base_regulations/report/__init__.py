from . import client_regulation_read_status
