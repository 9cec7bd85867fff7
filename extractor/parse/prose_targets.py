"""Targets written in sentences: placeholder replaced below."""
def prose_targets(laid_out, metadata):
    return []
