from . import client_sales_growth_report
from . import client_interaction_analysis
from . import client_workspace_sales_report
