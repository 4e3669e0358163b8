"""policykg: Chinese government policy documents -> a knowledge graph analysts can query."""

__version__ = "0.1.0"
