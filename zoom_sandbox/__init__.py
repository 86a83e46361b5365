"""The offline Zoom stand-in: a development tool that imitates the Zoom API the service uses.

It imports nothing of the service, so it can serve `make run`, the tests and the benchmarks, and
it is left out of the production image.
"""
