from . import test_sale_interaction
