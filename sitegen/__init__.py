"""A static multilingual program catalog site generator."""
