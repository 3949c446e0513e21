from . import client_quality_report
from . import client_quality_missing_report
