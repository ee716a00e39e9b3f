"""Who is working: users and their functions, passwords, authentication, keys and certificates."""
