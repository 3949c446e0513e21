from . import test_mailing_interaction
