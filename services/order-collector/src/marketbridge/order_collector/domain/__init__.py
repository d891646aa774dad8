"""Order-collector domain: collection runs, collection status per account, scheduling, de-duplication.

Pure: no I/O, no framework imports.
"""
