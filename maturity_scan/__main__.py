from maturity_scan.cli import main

main()
