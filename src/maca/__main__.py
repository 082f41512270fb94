from maca.cli import main

main()
