from ninja import Router

router = Router(tags=["receptions"])
public_router = Router(tags=["receptions (public)"], auth=None)
