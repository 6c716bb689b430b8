"""The Python API's call-time hook on real boto3 clients."""
