"""The eligibility engine: three-valued evaluation of pathway conditions and next-question choice."""
