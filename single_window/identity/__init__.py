"""Who is calling: an enterprise (API key), a customs officer (admin token) or a statistician."""
