"""Pure gateway rules: users, roles, passwords, tenant profile and the public route table."""
