"""A plugin with a typo in a hook name: loading it must fail loudly."""
from opsspace.hookspecs import hookimpl


@hookimpl
def content_publised(content, is_new):  # the typo is the point of this module
    pass
