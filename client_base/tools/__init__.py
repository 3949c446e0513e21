from . import normalize
from . import quality
from . import taxid
from . import cleanup
from . import origin
from . import clients
