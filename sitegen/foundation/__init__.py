"""Foundation: what every stage shares and nothing else. Problems as located values, the domain's frozen
dataclasses (`model`), the documented limits of editors' input, content fingerprints, and a walk over a site's
files that never leaves it. It imports nothing else of the generator."""
