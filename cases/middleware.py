class AccessLogMiddleware:
    """Writes the protected identities a page revealed to the access log, in one insert after the view ran."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(request, "_access_policy", None)
        if policy is not None and response.status_code < 500:
            policy.flush_access_log()
        return response
