"""The knowledge base: loading, schema and validation of the YAML files in pathways_kb/."""

from bot.kb.loader import KnowledgeBaseError, load_knowledge_base
from bot.kb.model import KnowledgeBase, Pathway, Question

__all__ = ["KnowledgeBase", "KnowledgeBaseError", "Pathway", "Question", "load_knowledge_base"]
