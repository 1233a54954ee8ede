"""python-hcl2 dict -> HCL text, laid out like hand-written terraform-aws-modules code."""

import hcl2
from hcl2.deserializer import BaseDeserializer
from hcl2.formatter import BaseFormatter
from hcl2.rules.containers import ObjectRule, TupleRule
from hcl2.rules.tokens import COMMA


class _Formatter(BaseFormatter):
    """python-hcl2's formatter, but flat lists stay on one line and objects have no commas."""

    def format_tuple_rule(self, rule: TupleRule, indent_level: int = 0) -> None:
        """Break a list over lines only when it holds objects or lists."""
        if any(isinstance(element.expression, (ObjectRule, TupleRule)) for element in rule.elements):
            super().format_tuple_rule(rule, indent_level)

    def format_expression(self, rule, indent_level: int = 0) -> None:
        """Leave an expression python-hcl2 cannot lay out (a conditional as an object's value) as it is written:
        `terraform fmt` formats the text afterwards."""
        if hasattr(rule, "expression"):
            super().format_expression(rule, indent_level)

    def format_object_rule(self, rule: ObjectRule, indent_level: int = 0) -> None:
        """One element per line, separated by newlines only."""
        self._set_children(rule, [child for child in rule.children if not isinstance(child, COMMA)])
        super().format_object_rule(rule, indent_level)


def dumps(body: dict) -> str:
    """HCL text of a python-hcl2 8.x dict (blocks marked with ``__is_block__``)."""
    tree = BaseDeserializer().load_python(body)
    _Formatter().format_tree(tree)
    return hcl2.reconstruct(tree)
