"""The maca web application (Django). It calls the data core; the core never imports it."""
