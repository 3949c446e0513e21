from . import test_sale_interaction
from . import test_archive_blockers
