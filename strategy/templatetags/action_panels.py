"""Renders the panels other apps add to the action page (strategy.panels)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def action_panel(context, panel):
    """``panel``'s template, rendered in the page's context with the panel's own added, as
    {% include %} would (which cannot take a whole dict of its own)."""
    with context.push(panel.context):
        return context.template.engine.get_template(panel.template_name).render(context)
