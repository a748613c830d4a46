"""The load test: 50 focal points and 5 secretariat users against gunicorn (see loadtest/run)."""
