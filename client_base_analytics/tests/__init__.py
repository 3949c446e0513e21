from . import test_install
from . import test_interaction_invoice
from . import test_classification
from . import test_segments
from . import test_workspace_greeting
from . import test_workspace_director
from . import test_workspace_director_tour
from . import test_interaction_analysis
