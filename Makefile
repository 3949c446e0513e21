# Client Base: the two commands of README.rst.
.PHONY: demo test help

help:
	@echo "make demo   serve Odoo on http://127.0.0.1:8069 with the Client Base demo database"
	@echo "make test   static checks, unit tests, lint and the Odoo integration tests"

demo:
	@bash tools/demo.sh

test:
	@bash tools/test.sh
