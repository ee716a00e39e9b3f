"""Who is working: users and their functions, passwords, keys and certificates, signatures."""
