# need_model.sh: sourced by the CLI tests that need the default model. Sets
# EVCODE_DATA (else this repository's data/), clears the environment that
# would choose another model or dictionaries, and, when DATA/evcode.model is
# absent, prints the SKIP line run_cli.sh reports and ends the test (exit 0).
: "${EVCODE_DATA:=$(pwd)/data}"
export EVCODE_DATA
unset EVCODE_MODEL EVCODE_DICTS
if [ ! -f "$EVCODE_DATA/evcode.model" ]; then
    echo "SKIP: no model ($EVCODE_DATA/evcode.model absent; train one with evcode train)"
    exit 0
fi
