"""Practice problem generators and personal practice sheets (pure logic)."""
