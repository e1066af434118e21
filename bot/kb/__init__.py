"""The knowledge base: loading, schema and validation of the YAML files in pathways_kb/."""

from bot.kb.loader import Report, load_knowledge_base, validate_knowledge_base
from bot.kb.model import KnowledgeBase, Pathway, Question
from bot.kb.problems import KnowledgeBaseError, Problem

__all__ = [
    "KnowledgeBase",
    "KnowledgeBaseError",
    "Pathway",
    "Problem",
    "Question",
    "Report",
    "load_knowledge_base",
    "validate_knowledge_base",
]
