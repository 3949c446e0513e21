from . import normalize
from . import quality
