"""People, cases and the access log are never edited in the admin: only services change them."""
