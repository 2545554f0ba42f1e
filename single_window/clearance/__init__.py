"""The pure business rules of clearance: three-document matching, purchase limits, tax, positive list, risk."""
