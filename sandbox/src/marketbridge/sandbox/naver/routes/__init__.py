"""HTTP routes of the Naver dialect (mounted under /naver/external)."""
