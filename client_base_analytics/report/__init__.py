from . import client_sales_growth_report
