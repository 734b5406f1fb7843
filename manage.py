#!/usr/bin/env python
"""Same as the `hromada` console script."""

from hromada.__main__ import main

if __name__ == "__main__":
    main()
