"""Using the machine's second core: work beside the main process in a forked child
(validation), and rendering split over two processes.
"""
