"""Foundation: what every stage shares and nothing else. Problems as located values, the domain's frozen
dataclasses (`model`), the fallback between languages, the documented limits of editors' input, content
fingerprints, the generator's own folders (`builtin`) and the share font, a walk over a site's files that
never leaves it, and the worker pool the build passes to the stages that run in parallel. It imports nothing
else of the generator."""
