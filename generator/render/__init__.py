"""The render stage: the Jinja environment and its escaping filters, the job type a
target plans, and the user's own templates.
"""
